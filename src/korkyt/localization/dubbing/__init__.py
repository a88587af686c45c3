"""Dubbing jobs in the localization workbench: the adaptation of a translation for lip-sync (in the one cue
editor: the adaptation is a translation job of kind ``adaptation`` owned by the dubbing job), characters and
casting, the recording plan, and the outputs rendered in the background (script, isochrony report, temp
voice track, MKV). The pure work is korkyt.dubbing's; see docs/dubbing.md and docs/decisions/0006."""
