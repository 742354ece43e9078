"""The package version, in one place (the User-Agent and ``talon_dyn.__version__`` read it)."""

__version__ = "0.1.0"
