"""The Processing algorithms: one class per file, all built on ``base.ClusterBeltAlgorithm``."""
