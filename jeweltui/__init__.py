"""jeweltui: a terminal back-office for small jewelry shops.

Kept light on purpose: importing the package must not import Textual, so the CLI,
cron jobs and the scan station start fast.
"""

__version__ = "0.1.0"
