"""The conversations: intent recognition, dialogs, cards and their Dutch texts."""
