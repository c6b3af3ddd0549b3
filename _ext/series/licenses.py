"""The licenses a publication may state, by SPDX identifier: each with its name and its address.

The table is the project's, not a download: a license is a legal text, and the
series names only those it has chosen among. Adding one is one line here, with
its SPDX identifier (https://spdx.org/licenses/), its name as the license names
itself, a short form for a credit line, and the address of its text. No Sphinx import.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class License:
    spdx: str
    name: str  # "Creative Commons Attribution 4.0 International"
    short: str  # "CC BY 4.0", as a credit line prints it
    url: str


def _creative_commons(spdx: str, name: str, short: str, path: str) -> License:
    return License(spdx, name, short, f"https://creativecommons.org/{path}/")


LICENSES = {
    license.spdx: license
    for license in (
        _creative_commons(
            "CC-BY-4.0", "Creative Commons Attribution 4.0 International", "CC BY 4.0", "licenses/by/4.0"
        ),
        _creative_commons(
            "CC-BY-SA-4.0",
            "Creative Commons Attribution-ShareAlike 4.0 International",
            "CC BY-SA 4.0",
            "licenses/by-sa/4.0",
        ),
        _creative_commons(
            "CC-BY-ND-4.0",
            "Creative Commons Attribution-NoDerivatives 4.0 International",
            "CC BY-ND 4.0",
            "licenses/by-nd/4.0",
        ),
        _creative_commons(
            "CC-BY-NC-4.0",
            "Creative Commons Attribution-NonCommercial 4.0 International",
            "CC BY-NC 4.0",
            "licenses/by-nc/4.0",
        ),
        _creative_commons(
            "CC-BY-NC-SA-4.0",
            "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
            "CC BY-NC-SA 4.0",
            "licenses/by-nc-sa/4.0",
        ),
        _creative_commons(
            "CC-BY-NC-ND-4.0",
            "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International",
            "CC BY-NC-ND 4.0",
            "licenses/by-nc-nd/4.0",
        ),
        _creative_commons("CC0-1.0", "CC0 1.0 Universal", "CC0 1.0", "publicdomain/zero/1.0"),
    )
}
