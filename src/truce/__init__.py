"""truce: auditable monitoring of ceasefire and exchange agreements."""

__version__ = "0.1.0"
