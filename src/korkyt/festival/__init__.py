"""The Korkyt Ata Turkic World Film Festival: editions, call for entries, national pre-selection, selection,
jury and awards. Design: docs/festival.md."""
