"""translate: Dutch news articles to review-ready, sentence-aligned English."""

__version__ = "0.1.0"

# The distribution's name on the package index; the package folder and the command stay `translate`.
DISTRIBUTION = "dutch-news-translate"


def install_hint(extra: str) -> str:
    """The command that installs an optional extra, e.g. pip install 'dutch-news-translate[parquet]'."""
    return f"pip install '{DISTRIBUTION}[{extra}]'"
