"""The Route 53 rules the simulator applies, each with the page that documents it."""

from __future__ import annotations

from .trace import R53, Rule

_RULES = [
    Rule(
        "simple-all-values",
        "Simple routing answers every value of the record, in random "
        "order, and ignores health checks.",
        R53 + "routing-policy-simple.html",
    ),
    Rule(
        "weighted-share",
        "Weighted routing answers each record with probability weight / "
        "sum of weights of the healthy non-zero records.",
        R53 + "routing-policy-weighted.html",
    ),
    Rule(
        "weighted-zero-standby",
        "A weight-0 record gets no traffic while any non-zero record "
        "is healthy; it is used only when all non-zero records are unhealthy.",
        R53 + "health-checks-how-route-53-chooses-records.html",
    ),
    Rule(
        "weighted-all-zero",
        "When every record has weight 0 they are answered with equal probability.",
        R53 + "routing-policy-weighted.html",
    ),
    Rule(
        "latency-lowest",
        "Latency routing answers the healthy record in the Region with the "
        "lowest latency from the client.",
        R53 + "routing-policy-latency.html",
    ),
    Rule(
        "failover-primary",
        "Failover answers the primary while it is healthy.",
        R53 + "health-checks-how-route-53-chooses-records.html",
    ),
    Rule(
        "failover-secondary",
        "Primary unhealthy and secondary healthy (or without a health "
        "check): the secondary is answered.",
        R53 + "health-checks-how-route-53-chooses-records.html",
    ),
    Rule(
        "failover-both-unhealthy",
        "Both failover records unhealthy: Route 53 answers the primary.",
        R53 + "health-checks-how-route-53-chooses-records.html",
    ),
    Rule(
        "geo-most-specific",
        "Geolocation answers the record for the smallest matching region "
        "(subdivision, then country, then continent, then the default '*').",
        R53 + "routing-policy-geo.html",
    ),
    Rule(
        "geo-no-match",
        "Geolocation with no matching location and no default record: a no-answer response.",
        R53 + "routing-policy-geo.html",
    ),
    Rule(
        "geo-walk-up",
        "The matching geolocation record is unhealthy: Route 53 walks up to the "
        "next larger matching region, then the default; all unhealthy gives the smallest one.",
        R53 + "resource-record-sets-values-geo.html",
    ),
    Rule(
        "geoproximity-bias",
        "Geoproximity answers the resource with the smallest biased "
        "distance: bias b > 0 multiplies distance by (1 - b/100), b < 0 divides it by "
        "(1 + b/100).",
        R53 + "routing-policy-geoproximity.html",
    ),
    Rule(
        "ip-cidr-match",
        "IP-based routing answers the record of the CIDR location whose block "
        "contains the client address (a longer client prefix matches a shorter listed block).",
        R53 + "routing-policy-ipbased.html",
    ),
    Rule(
        "ip-default",
        "No CIDR block contains the client address: the record for the default "
        "('*') location is answered.",
        R53 + "routing-policy-ipbased.html",
    ),
    Rule(
        "ip-no-match",
        "No CIDR match and no default ('*') record: a no-answer response (our "
        "choice, see docs/demos.md).",
        R53 + "routing-policy-ipbased.html",
    ),
    Rule(
        "multivalue-healthy",
        "Multivalue answer returns up to 8 healthy records chosen at random.",
        R53 + "routing-policy-multivalue.html",
    ),
    Rule(
        "multivalue-all-unhealthy",
        "Multivalue answer with no healthy record returns up to 8 unhealthy records.",
        R53 + "routing-policy-multivalue.html",
    ),
    Rule(
        "fail-open",
        "No record in the group is healthy: Route 53 treats them all as healthy "
        "and picks by the policy's own rule.",
        R53 + "health-checks-how-route-53-chooses-records.html",
    ),
    Rule(
        "no-health-check-healthy",
        "A record without a health check is always considered healthy.",
        R53 + "health-checks-how-route-53-chooses-records.html",
    ),
    Rule(
        "checker-threshold",
        "A health checker changes its view of an endpoint only after "
        "FailureThreshold consecutive results the other way (default 3); results that "
        "agree with its view reset the count.",
        R53 + "dns-failover-determining-health-of-endpoints.html",
    ),
    Rule(
        "checker-quorum",
        "An endpoint is healthy when more than 18% of the health checkers report it healthy.",
        R53 + "dns-failover-determining-health-of-endpoints.html",
    ),
    Rule(
        "checker-view",
        "Each checker decides on its own: results that agree with its view change "
        "nothing; its view flips after FailureThreshold results the other way in a row.",
        R53 + "dns-failover-determining-health-of-endpoints.html",
    ),
    Rule(
        "calculated-check",
        "A calculated health check is healthy while at least HealthThreshold of its "
        "child checks are healthy (a threshold above the number of children: always "
        "unhealthy; 0: always healthy); it can be inverted; a disabled check counts as healthy.",
        "https://docs.aws.amazon.com/Route53/latest/APIReference/API_UpdateHealthCheck.html",
    ),
    Rule(
        "alias-target-health",
        "With Evaluate Target Health, an alias record inherits the health of its target: "
        "an AWS resource such as a load balancer, or a record set in the zone (healthy "
        "while one of its records is). An unhealthy alias is skipped like any record, so "
        "Route 53 backs out of that branch of the tree.",
        R53 + "dns-failover-complex-configs.html",
    ),
    Rule(
        "alias-no-eth",
        "Without Evaluate Target Health an alias record counts as healthy (unless a "
        "health check of its own fails): Route 53 answers from its target even when "
        "every endpoint behind it is down.",
        R53 + "health-checks-how-route-53-chooses-records.html",
    ),
    Rule(
        "alias-apex",
        "An alias record can sit at the zone apex (example.com); a CNAME record cannot, "
        "and an apex alias cannot point to a CNAME record.",
        R53 + "resource-record-sets-choosing-alias-non-alias.html",
    ),
    Rule(
        "multiple-values",
        "A weighted, failover, latency or geolocation record can hold several values "
        "(one per line) for every type except CNAME; the record chosen is answered with "
        "all of its values.",
        R53 + "resource-record-sets-values-weighted.html",
    ),
    Rule(
        "ttl-cache",
        "A resolver caches an answer for the record's TTL; clients keep using it, "
        "even an unhealthy target, until it expires.",
        R53 + "resource-record-sets-values-shared.html",
    ),
]

RULES = {rule.id: rule for rule in _RULES}
