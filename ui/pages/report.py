"""Page script: see ui/report.py."""

from ui.report import render

render()
