"""Page script: see ui/documents.py."""

from ui.documents import render

render()
