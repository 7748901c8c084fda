"""Communication: the plan, what was done and the media log (jamlik/communication/report.py)."""

from jamlik.communication.report import blocks, collect, title

KEY = "communication"
__all__ = ["KEY", "blocks", "collect", "title"]
