"""paiws: a terminal application for Alibaba Cloud PAI workspaces."""

__version__ = "0.1.0"
APP_NAME = "paiws"
