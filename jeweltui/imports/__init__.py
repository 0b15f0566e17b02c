"""Bringing a shop's existing stock in: the previous system's stock list and Shopify's
product export. Every row is imported or reported by its line number with the reason."""
