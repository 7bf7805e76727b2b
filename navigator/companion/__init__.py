"""Companion support (伴走型支援, seed 000 3 and 4-4): choosing a companion whose profile fits the
career note, and the meeting sheet (面談資料) built from what the employee shares. The data and
their access rules live in navigator.store.companions and navigator.store.sharing."""
