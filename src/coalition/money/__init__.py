"""Money: pledges, their append-only ledger of transactions, and fundraising targets."""
