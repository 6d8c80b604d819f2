/// Apk: see README.md and ../shared/docs/ARCHITECTURE.md.
public enum ApkModule {}
