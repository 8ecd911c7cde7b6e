"""Changes to the record that partner officers propose and the secretariat approves."""
