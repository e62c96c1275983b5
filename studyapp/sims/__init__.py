"""Pure simulators of Route 53 routing, SQS delivery and RDS Proxy pooling (see docs/demos.md)."""
