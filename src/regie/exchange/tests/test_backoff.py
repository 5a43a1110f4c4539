"""The back-off arithmetic: exponential with jitter, capped, never sooner than Retry-After."""

import random

from hypothesis import given
from hypothesis import strategies as st

from regie.exchange.delivery import BASE_DELAY, MAX_DELAY, backoff


@given(
    attempts=st.integers(min_value=1, max_value=60),
    seed=st.integers(min_value=0, max_value=2**32),
    retry_after=st.none() | st.floats(min_value=0, max_value=10**7, allow_nan=False),
)
def test_backoff_bounds(attempts, seed, retry_after):
    delay = backoff(attempts, random.Random(seed), retry_after)
    ceiling = min(MAX_DELAY, BASE_DELAY * 2 ** (attempts - 1))
    assert ceiling / 2 <= delay or (retry_after is not None and delay >= retry_after)
    assert delay <= max(ceiling, min(retry_after or 0, MAX_DELAY))
    if retry_after is not None:
        assert delay >= min(retry_after, MAX_DELAY)


def test_jitter_spreads_the_retries():
    delays = {round(backoff(3, random.Random(seed)), 3) for seed in range(20)}
    assert len(delays) > 10
    assert all(60 <= d <= 120 for d in delays)
