"""Reports: summary tables, the HTML report, the demo and the notebook runner."""
