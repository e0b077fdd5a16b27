"""Renderings of a Digest for people: Markdown."""
from .markdown import render_markdown

__all__ = ["render_markdown"]
