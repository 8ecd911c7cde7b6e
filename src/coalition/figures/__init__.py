"""Figures: quantities reported about the world (troops, airstrikes, territory, people)."""
