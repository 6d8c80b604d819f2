/// Rebase: see README.md and ../shared/docs/ARCHITECTURE.md.
public enum RebaseModule {}
