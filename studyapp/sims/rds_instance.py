"""A DB instance class's memory and the default max_connections RDS derives from it.

Memory (GiB) from the RDS User Guide's "Hardware specifications for DB instance classes".
Default parameter-group formulas from "Maximum number of database connections"
(CHAP_Limits.html): MySQL {DBInstanceClassMemory/12582880}; PostgreSQL
LEAST({DBInstanceClassMemory/9531392}, 5000). RDS subtracts the memory it reserves for the
operating system and its own processes before dividing, so a real instance reports a little
less than the nominal-memory figure computed here (see docs/demos.md).
"""

from __future__ import annotations

GIB = 1024**3
MYSQL_DIVISOR = 12_582_880
POSTGRES_DIVISOR = 9_531_392
POSTGRES_CAP = 5_000

_SIZES = {"micro": 1, "small": 2, "medium": 4, "large": 8, "xlarge": 16, "2xlarge": 32}
_GENERAL = {"large": 8, "xlarge": 16, "2xlarge": 32, "4xlarge": 64, "8xlarge": 128}
_MEMORY = {"large": 16, "xlarge": 32, "2xlarge": 64, "4xlarge": 128, "8xlarge": 256}

MEMORY_GIB: dict[str, float] = {}
for _family in ("t3", "t4g"):
    MEMORY_GIB.update({f"db.{_family}.{size}": gib for size, gib in _SIZES.items()})
for _family in ("m5", "m6g", "m6i"):
    MEMORY_GIB.update({f"db.{_family}.{size}": gib for size, gib in _GENERAL.items()})
for _family in ("r5", "r6g", "r6i"):
    MEMORY_GIB.update({f"db.{_family}.{size}": gib for size, gib in _MEMORY.items()})

CLASSES = tuple(sorted(MEMORY_GIB))


def default_max_connections(instance_class: str, engine: str) -> int:
    """The default-parameter-group max_connections for this class, from nominal memory."""
    memory = int(MEMORY_GIB[instance_class] * GIB)
    if engine == "postgresql":
        return min(memory // POSTGRES_DIVISOR, POSTGRES_CAP)
    return memory // MYSQL_DIVISOR


def formula(engine: str) -> str:
    if engine == "postgresql":
        return "LEAST({DBInstanceClassMemory/9531392}, 5000)"
    return "{DBInstanceClassMemory/12582880}"
