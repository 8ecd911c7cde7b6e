"""Meetings: ministerials, small groups, pledging conferences, and who came."""
