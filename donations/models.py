"""Models arrive with the donations issue."""
