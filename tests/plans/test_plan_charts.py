"""Run-chart rules on known series, and the SVG's scaling for awkward values."""
import re
from datetime import date, datetime

import pytest

from hh.charts import BOTTOM, HEIGHT, TOP, RunChart, Scale, median, shifts, trends


def months(count):
    return [date(2025 + (m // 12), m % 12 + 1, 1) for m in range(count)]


def test_a_shift_of_six_points_below_the_median_is_found():
    values = [10, 11, 10, 12, 11, 10, 5, 4, 5, 6, 4, 5]
    found = shifts(values)
    assert len(found) == 2  # the first half above, the second half below the median 7.5
    assert {s.direction for s in found} == {"above", "below"}
    assert all(s.length == 6 for s in found)


def test_five_points_on_one_side_is_not_a_shift():
    values = [10, 10, 10, 10, 10, 1, 1, 1, 1, 1, 10]
    assert median(values) == 10
    # everything is on or below the median: the points on it neither count nor break the run
    assert shifts(values) == []


def test_points_on_the_median_do_not_count_towards_a_shift():
    # 8, 9, (5.5), 8, 9, (5.5), 8: five counted points above the median, not six
    values = [1, 2, 1, 8, 9, 5.5, 8, 9, 5.5, 8, 1, 2, 1]
    assert shifts(values, centre=5.5) == []


def test_median_points_do_not_break_a_six_point_run():
    values = [1, 1, 1, 9, 9, 5, 9, 9, 5, 9, 9, 1, 1]
    found = shifts(values, centre=5)
    assert len(found) == 1
    shift = found[0]
    assert shift.direction == "above"
    assert shift.indexes == [3, 4, 6, 7, 9, 10]  # indexes 5 and 8 sit on the median


def test_a_trend_of_five_rising_points_is_found():
    values = [5, 3, 4, 6, 7, 9, 8]
    found = trends(values)
    assert len(found) == 1
    assert found[0].direction == "rising"
    assert found[0].indexes == [1, 2, 3, 4, 5]


def test_equal_neighbours_neither_break_nor_count_in_a_trend():
    values = [9, 8, 8, 7, 6, 6, 5]
    found = trends(values)
    assert len(found) == 1
    assert found[0].direction == "falling"
    assert found[0].length == 5  # 9, 8, 7, 6, 5: the repeats are skipped
    assert trends([9, 8, 8, 7, 7, 6]) == []  # only four distinct steps down


def test_noise_triggers_neither_rule():
    values = [5, 7, 4, 6, 5, 8, 4, 6, 5, 7, 5, 6]
    chart = RunChart(months(len(values)), values, title="Noise")
    assert chart.found == []
    assert "No shift or trend" in chart.describe()


def test_signals_are_named_on_the_chart_and_in_its_text_alternative():
    values = [30, 31, 29, 30, 32, 31, 22, 21, 20, 19, 18, 17]
    chart = RunChart(months(len(values)), values, baseline=30, target=10, title="Active", unit="people")
    kinds = {(s.kind, s.direction) for s in chart.found}
    assert ("shift", "below") in kinds and ("trend", "falling") in kinds
    svg = str(chart.svg("c1"))
    assert "Shift: 6 points in a row below the median" in svg
    assert "Trend:" in svg and 'class="chart-signal"' in svg
    assert 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert "Baseline 30 people." in chart.describe() and "Target 10 people." in chart.describe()
    assert "style=" not in svg  # the CSP forbids inline styles


def _ys(svg: str) -> list[float]:
    return [float(y) for y in re.findall(r'<circle class="chart-point" cx="[^"]+" cy="([^"]+)"', svg)]


def _inside(y: float) -> bool:
    return TOP <= y <= HEIGHT - BOTTOM


@pytest.mark.parametrize("values", [[0], [0, 0, 0], [-5, -2, -9], [-3, 0, 4], [7], [1e6, 1e6 + 1]])
def test_svg_scaling_keeps_every_point_inside_the_plot(values):
    chart = RunChart(months(len(values)), values, title="Edge")
    svg = str(chart.svg("edge"))
    ys = _ys(svg) + [float(y) for y in re.findall(r'<rect class="chart-signal" x="[^"]+" y="([^"]+)"', svg)]
    assert len(ys) == len(values)
    assert all(_inside(y) or _inside(y + 5) for y in ys)
    assert "nan" not in svg.lower() and "inf" not in svg.lower()


def test_negative_values_are_drawn_below_zero_and_higher_values_higher():
    scale = Scale.fit([-10, 0, 10], 3)
    assert scale.y(-10) > scale.y(0) > scale.y(10)  # SVG y grows downwards
    assert scale.low < -10 and scale.high > 10


def test_a_single_value_sits_in_the_middle_with_a_range_around_it():
    scale = Scale.fit([0], 1)
    assert scale.low < 0 < scale.high
    assert scale.x(0) == pytest.approx((56 + 640 - 16) / 2)
    assert scale.y(0) == pytest.approx(TOP + (HEIGHT - TOP - BOTTOM) / 2)
    chart = RunChart([date(2026, 1, 1)], [42], title="One")
    assert "<polyline" not in str(chart.svg("one"))  # a line needs two points
    assert chart.describe().startswith("One, Jan 2026 (1 data point): 42. Median 42.")


def test_baseline_and_target_widen_the_scale():
    chart = RunChart(months(3), [10, 11, 12], baseline=0, target=50, title="Wide")
    svg = str(chart.svg("w"))
    assert "Baseline 0" in svg and "Target 50" in svg
    lines = re.findall(r'class="chart-(baseline|target)" x1="[^"]+" y1="([^"]+)"', svg)
    assert all(_inside(float(y)) for _, y in lines)


def test_no_points_no_chart():
    chart = RunChart([], [], title="Empty")
    assert str(chart.svg("e")) == ""
    assert chart.describe() == "Empty: no data points yet."


# --- The month so far, percentages and the text alternative ------------------------------------


def _this_year(count):
    return [date(2026, m, 1) for m in range(1, count + 1)]


def test_the_current_month_is_drawn_as_a_month_so_far_and_left_out_of_the_rules(clock):
    clock(datetime(2026, 12, 4, 18, 0))
    # Eleven whole months and four days of December: the low December is not a real drop.
    values = [3, 4, 2, 5, 6, 5, 4, 6, 7, 9, 7, 1]
    chart = RunChart(_this_year(12), values, title="Placements per month")
    assert chart.incomplete
    assert chart.full_values == values[:-1]
    assert chart.centre == 5  # the median of the whole months only
    assert all(11 not in s.indexes for s in chart.found)
    svg = str(chart.svg("p"))
    assert svg.count('class="chart-point-incomplete"') == 1 and 'fill="#ffffff"' in svg
    assert '<line class="chart-incomplete"' in svg and 'stroke-dasharray="5 4"' in svg
    assert "(month so far)</text>" in svg
    polyline = re.search(r'<polyline class="chart-data" points="([^"]+)"', svg).group(1)
    assert len(polyline.split()) == 11  # the solid line stops at the last whole month
    # a month later December is whole, and drawn as any other month
    clock(datetime(2027, 1, 2, 18, 0))
    assert not RunChart(_this_year(12), values, title="Placements per month").incomplete


def test_a_month_so_far_makes_no_signal():
    # Four falling whole months, then four days of the fifth: counted, it would make a trend.
    values = [9, 8, 7, 6, 2]
    whole = RunChart(_this_year(5), values, title="Falling", incomplete=False)
    assert [(s.kind, s.direction, s.length) for s in whole.found] == [("trend", "falling", 5)]
    so_far = RunChart(_this_year(5), values, title="Falling", incomplete=True)
    assert so_far.found == [] and so_far.centre == 7.5


def test_the_text_alternative_reads_as_sentences():
    values = [4, 3, 2, 5, 6, 5, 4, 6, 7, 9, 7, 1]
    chart = RunChart(_this_year(12), values, title="Placements per month", incomplete=True)
    assert chart.describe().startswith(
        "Placements per month, Jan 2026 to Nov 2026 (11 data points): lowest 2 in March, "
        "highest 9 in October, latest full month 7 (November); December so far: 1, not counted "
        "in the median or the rules. Median 5.")
    across_years = RunChart(months(14), [5] * 13 + [2], title="Beds", unit="beds",
                            incomplete=False)
    assert across_years.describe().startswith(
        "Beds, Jan 2025 to Feb 2026 (14 data points): lowest 2 beds in February 2026, highest "
        "5 beds 13 times, latest 2 beds (February 2026).")
    days = RunChart([date(2026, 3, 3), date(2026, 3, 17)], [40, 55], title="Rate", unit="%")
    assert days.describe().startswith(
        "Rate, 3 Mar 2026 to 17 Mar 2026 (2 data points): lowest 40% on 3 Mar 2026, highest 55% "
        "on 17 Mar 2026, latest 55% (17 Mar 2026). Median 47.5%.")


def test_a_percentage_axis_runs_from_0_to_100():
    chart = RunChart(_this_year(4), [0, 12.5, 30, 8], title="Connected", unit="%", incomplete=False)
    scale = chart._scale()
    assert (scale.low, scale.high) == (0, 100)
    svg = str(chart.svg("pct"))
    assert ">0%</text>" in svg and ">100%</text>" in svg
    assert not re.search(r">-\d", svg)  # no negative tick


@pytest.mark.parametrize("values", [[0, 0, 0], [0, 1, 0, 2], [3, 4, 5]])
def test_counts_never_get_an_axis_below_zero(values):
    chart = RunChart(months(len(values)), values, title="Counts", incomplete=False)
    assert chart._scale().low == (0 if 0 in values else chart._scale().low) >= 0
    assert not re.search(r">-\d", str(chart.svg("c")))


def test_a_lone_month_so_far_draws_one_hollow_point_and_says_so():
    chart = RunChart([date(2026, 12, 1)], [2], title="Housed", incomplete=True)
    assert chart.centre is None and chart.found == []
    assert chart.describe() == ("Housed: no whole month yet; December so far: 2, not counted in "
                                "the median or the rules.")
    svg = str(chart.svg("lone"))
    assert 'class="chart-point-incomplete"' in svg and "chart-median" not in svg


def test_the_list_flow_charts_draw_the_month_so_far(app):
    from types import SimpleNamespace

    from hh.conferences.flow import Month
    from hh.conferences.flow_routes import _charts

    months = [Month(date(2026, m, 1), {"identified": 10 + m, "housed": 6, "actively_homeless": 40})
              for m in range(1, 12)]
    months.append(Month(date(2026, 12, 1), {"identified": 2, "housed": 0, "actively_homeless": 41},
                        partial=True))
    coordinator = SimpleNamespace(is_authenticated=True, role="coordinator")
    provider = SimpleNamespace(is_authenticated=True, role="provider")
    charts, _ = _charts(months, coordinator)
    identified = next(c for c in charts if c.values[0] == 11)
    assert identified.incomplete and identified.values[-1] == 2
    assert "December so far: 2, not counted in the median or the rules." in identified.describe()
    assert "(month so far)" in str(identified.svg("f"))
    # Others do not see a small count, so far or not: the month so far is left off their chart.
    charts, withheld = _charts(months, provider)
    identified = next(c for c in charts if c.values[0] == 11)
    assert not identified.incomplete and len(identified.values) == 11
    assert "so far" not in identified.describe()
