/// Apk: OpenWrt 25.x apk v3 packages (ADB), signed packages.adb indexes, keys and the
/// installed database; see Sources/Apk/README.md for the file map and entry points
/// [alpinelinux/apk-tools: doc/apk-v3.5.scd].
public enum ApkModule {}
