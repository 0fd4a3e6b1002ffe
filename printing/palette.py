"""The documents' one palette: what every PDF prints with (dark enough to photocopy)."""

from __future__ import annotations

from reportlab.lib import colors

INK = colors.black
WHITE = colors.white
ACCENT = colors.HexColor("#1d4e6b")  # the desk's title colour; prints as a dark grey
MUTED = colors.HexColor("#444444")  # secondary text
HINT = colors.HexColor("#8a8a8a")  # what to write where (the sign-in sheet's hints)
RULE = colors.HexColor("#555555")  # table lines
CUT_LINE = colors.HexColor("#888888")  # where to cut a slip
CROP_MARK = colors.HexColor("#999999")  # the flyer's crop marks
BAND = colors.HexColor("#e6f0f7")  # light blue bands: a poster's header, a slip's theme
STRIPE = colors.HexColor("#f5f8fa")  # every other row of a table
