from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from korkyt.dubbing import DubbingError, frame_rate, ms_to_timecode
from korkyt.dubbing.timecode import frames_to_timecode, ms_to_frames, timecode_to_frames


def test_25_fps_counts_40_ms_frames():
    rate = frame_rate(25)
    assert ms_to_timecode(1000, rate) == "00:00:01:00"
    assert ms_to_timecode(1039, rate) == "00:00:01:00"
    assert ms_to_timecode(1040, rate) == "00:00:01:01"
    assert ms_to_timecode(3_723_960, rate) == "01:02:03:24"


def test_24_fps_half_second_is_frame_12():
    assert ms_to_timecode(1500, frame_rate("24")) == "00:00:01:12"
    assert ms_to_timecode(59_999, frame_rate(24)) == "00:00:59:23"


def test_23976_counts_24_frames_per_timecode_second():
    rate = frame_rate("23.976")
    assert rate.nominal == 24
    # 24 frames last 1001 ms at 23.976, so timecode second 1 starts at 1001 ms, not 1000.
    assert ms_to_timecode(1000, rate) == "00:00:00:23"
    assert ms_to_timecode(1001, rate) == "00:00:01:00"
    # One clock hour is 86,313 frames: timecode lags by 3.6 s.
    assert ms_to_timecode(3_600_000, rate) == "00:59:56:09"


def test_2997_uses_drop_frame_with_semicolon():
    rate = frame_rate(29.97)
    assert rate.drop_frame
    assert frames_to_timecode(1799, rate) == "00:00:59;29"
    assert frames_to_timecode(1800, rate) == "00:01:00;02"
    assert frames_to_timecode(17982, rate) == "00:10:00;00"


def test_programme_start_offset_is_added():
    assert ms_to_timecode(2000, frame_rate(25), start="01:00:00:00") == "01:00:02:00"


@pytest.mark.parametrize("value", ["12", "60", "abc", ""])
def test_unsupported_frame_rate_is_refused(value):
    with pytest.raises(DubbingError, match="unsupported frame rate"):
        frame_rate(value)


@pytest.mark.parametrize("start", ["01:00:00:25", "01:00:00:²", "01:00:٠٠:00", "1:2:3", "aa:bb:cc:dd"])
def test_bad_start_timecode_is_refused(start):
    with pytest.raises(DubbingError, match="timecode"):
        ms_to_timecode(0, frame_rate(25), start=start)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["23.976", "24", "25", "29.97", "30"]), st.integers(0, 10 * 3600 * 30))
def test_timecode_round_trips_to_the_same_frame(rate_name, frames):
    rate = frame_rate(rate_name)
    assert timecode_to_frames(frames_to_timecode(frames, rate), rate) == frames


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["23.976", "24", "25", "29.97"]), st.integers(0, 5 * 3600 * 1000))
def test_frame_shown_at_a_time_starts_at_or_before_it(rate_name, ms):
    rate = frame_rate(rate_name)
    frame = ms_to_frames(ms, rate)
    assert frame * 1000 / float(rate.fps) <= ms + 1e-6
    assert (frame + 1) * 1000 / float(rate.fps) > ms - 1e-6
