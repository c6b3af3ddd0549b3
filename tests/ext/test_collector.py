"""series.collector leaves the garbage collector on, with what a build keeps frozen out of its way."""

import gc

import pytest


@pytest.mark.sphinx("html", testroot="publication")
def test_the_collector_is_on_after_a_build_and_the_environment_frozen(app, warning):
    app.build()
    assert warning.getvalue() == ""
    assert gc.isenabled()
    # gc.get_objects() lists what the collector walks; frozen objects are not in it.
    assert all(found is not app.env for found in gc.get_objects())
    assert all(found is not app.env.domaindata for found in gc.get_objects())
