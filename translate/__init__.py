"""translate: Dutch news articles to review-ready, sentence-aligned English."""

__version__ = "0.1.0"
