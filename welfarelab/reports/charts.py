"""Where things go in the portfolio's two pictures, drawn as SVG on the server (the tables beneath carry the same
numbers for a screen reader and for paper)."""

from dataclasses import dataclass

from welfarelab.journey.models import Level, Vulnerability

WIDTH, LEFT, TOP, BAND, COLUMN = 760, 130, 30, 110, 150


@dataclass
class Line:
    journey: object
    count: int
    y: float
    start: float
    now: float
    goal: float


@dataclass
class JourneyPicture:
    width: int
    height: int
    columns: list  # (x, label)
    bands: list  # (y top, y middle, label)
    lines: list


def _x(level):
    return LEFT + (level - 0.5) * COLUMN


def journey_picture(journeys):
    """Each group of participants sharing a journey as one line across the four situations, in the band of their
    degree of vulnerability (high at the top): start and now as circles (squares for young people), the goal
    dotted."""
    bands, lines, order = [], [], [Vulnerability.HIGH, Vulnerability.MEDIUM, Vulnerability.LOW]
    for index, vulnerability in enumerate(order):
        top = TOP + index * BAND
        bands.append((top, top + BAND / 2, vulnerability.label))
        here = [(journey, count) for journey, count in journeys if journey.vulnerability == vulnerability]
        for row, (journey, count) in enumerate(here):
            y = round(top + BAND * (row + 1) / (len(here) + 1), 1)
            lines.append(Line(journey, count, y, _x(journey.start), _x(journey.now), _x(journey.goal)))
    columns = [(_x(level), level.label) for level in Level]
    return JourneyPicture(WIDTH, TOP + 3 * BAND + 10, columns, bands, lines)


MONEY_WIDTH, MONEY_HEIGHT, MONEY_LEFT, MONEY_BOTTOM = 760, 260, 90, 30


@dataclass
class MoneyChart:
    width: int
    height: int
    left: int
    invested: str  # polyline points
    benefits: str
    ticks: list  # (y, kroner)
    months: list  # (x, month) labelled


def money_chart(months):
    """The investment so far against the expected benefits so far, month by month."""
    if not months:
        return None
    peak = max(max(invested, benefits) for _, invested, benefits in months) or 1
    inner_width, inner_height = MONEY_WIDTH - MONEY_LEFT - 30, MONEY_HEIGHT - MONEY_BOTTOM - 10
    step = inner_width / max(len(months) - 1, 1)

    def point(index, kroner):
        return f"{round(MONEY_LEFT + index * step, 1)},{round(10 + inner_height * (1 - float(kroner / peak)), 1)}"

    every = max(1, len(months) // 8)
    return MoneyChart(
        MONEY_WIDTH,
        MONEY_HEIGHT,
        MONEY_LEFT,
        " ".join(point(i, invested) for i, (_, invested, _) in enumerate(months)),
        " ".join(point(i, benefits) for i, (_, _, benefits) in enumerate(months)),
        [(round(10 + inner_height * (1 - share / 4), 1), peak * share / 4) for share in range(5)],
        [(round(MONEY_LEFT + i * step, 1), month) for i, (month, _, _) in enumerate(months) if i % every == 0],
    )
