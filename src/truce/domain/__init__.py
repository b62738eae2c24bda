"""The pure domain core: agreements, claims and the compliance engine. No I/O lives here."""
