"""Client records in the app: client list and dialog, client page (history, score chart,
re-screen comparison, exports), saving the screen being built and re-opening a stored one.

`RecordsPanel` is the "Clients" tab; `RecordsController` does the work against the
database (`storage`), the screen state and the reports package.
"""

from .panel import RecordsPanel
from .referral import REFERRAL_PROMPT, ReferralBanner, with_banner

__all__ = ["REFERRAL_PROMPT", "RecordsPanel", "ReferralBanner", "with_banner"]
