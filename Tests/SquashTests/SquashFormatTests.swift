import BinaryIO
import Squash
import XCTest

/// Unit checks of the on-disk structures: superblock round trip and validation, codec
/// round trips with their options blocks, device number encoding.
final class SquashFormatTests: XCTestCase {
    func sample() -> Superblock {
        Superblock(inodeCount: 10, modificationTime: 1_700_000_000, blockSize: 131072, fragmentCount: 2,
                   compressor: .xz, flags: [.duplicates, .exportable], idCount: 1, rootInode: 0x20,
                   bytesUsed: 4096, idTableStart: 4000, xattrIdTableStart: Superblock.absent, inodeTableStart: 200,
                   directoryTableStart: 1000, fragmentTableStart: 3000, exportTableStart: 3500)
    }

    func testSuperblockRoundTrip() throws {
        let sb = sample()
        let bytes = sb.serialize()
        XCTAssertEqual(bytes.count, 96)
        XCTAssertEqual(Array(bytes[0 ..< 4]), Array("hsqs".utf8))
        XCTAssertEqual(sb.blockLog, 17)
        XCTAssertEqual(try Superblock(parsing: bytes, imageSize: 4096), sb)
    }

    func testSuperblockRejectsBadFields() throws {
        func expectError(_ mutate: (inout [UInt8]) -> Void, _ text: String, size: UInt64 = 4096) {
            var b = sample().serialize()
            mutate(&b)
            XCTAssertThrowsError(try Superblock(parsing: b, imageSize: size)) { e in
                XCTAssertTrue("\(e)".contains(text), "\(e) lacks \(text)")
            }
        }
        expectError({ $0[12] = 0; $0[13] = 0x30 }, "block size")            // 0x3000: not a power of two
        expectError({ $0[22] = 16 }, "block log")
        expectError({ $0[20] = 9 }, "unknown compressor")
        expectError({ $0[28] = 3 }, "unsupported squashfs version 3.0")
        expectError({ $0[0 ..< 4] = [0x73, 0x71, 0x73, 0x68]; $0[28] = 0; $0[29] = 3 }, "unsupported squashfs version 3 (big-endian)")
        expectError({ $0[0] = 0 }, "bad magic")
        expectError({ _ in }, "bytes used", size: 100)
        expectError({ $0[64] = 0xFF; $0[65] = 0xFF }, "inode table")
        expectError({ $0[26] = 0 }, "id count")
        expectError({ $0[12] = 0; $0[13] = 0x08; $0[14] = 0; $0[22] = 11 }, "block size")  // 2 KiB: below the page size
        expectError({ $0[14] = 0x20; $0[22] = 21 }, "block size")                          // 2 MiB: above SQUASHFS_FILE_MAX_SIZE
        expectError({ $0[32] = 0x00; $0[33] = 0x20 }, "root inode reference")              // offset 8192 in its block
        expectError({ $0[64] = 0xE8; $0[65] = 0x03 }, "does not precede directory table")  // inode table = directory table
    }

    /// Fields the kernel ignores at mount (fs/squashfs/super.c reads only the flag bits it
    /// uses, no export table check on the exportable flag, SQUASHFS_INODE_BLK takes 32 bits of
    /// the root reference) are accepted, and serialized back unchanged.
    func testSuperblockKeepsFieldsTheKernelIgnores() throws {
        for mutate in [{ (b: inout [UInt8]) in b[25] |= 0xF0 },                        // flag bits 12-15
                       { (b: inout [UInt8]) in b[88 ..< 96] = ArraySlice(repeating: 0xFF, count: 8) }, // exportable, no export table
                       { (b: inout [UInt8]) in b[38] = 0xAB; b[39] = 0xCD },              // top 16 bits of the root reference
                       { (b: inout [UInt8]) in b[16] = 0; b[80 ..< 88] = ArraySlice(repeating: 0x77, count: 8) }] { // no fragments: start unread
            var b = sample().serialize()
            mutate(&b)
            let sb = try Superblock(parsing: b, imageSize: 4096)
            XCTAssertEqual(sb.serialize(), b)
            XCTAssertEqual(sb.rootReference, 0x20)
        }
    }

    /// Options payloads as the kernel treats them: gzip, lzo and zstd blocks are never read by
    /// the kernel (no `comp_opts` in zlib_wrapper.c, lzo_wrapper.c, zstd_wrapper.c) and are
    /// accepted whatever they hold; xz needs 8 bytes and a 2^n / 2^n+2^(n+1) dictionary first
    /// (xz_wrapper.c); lz4 needs its block, 8 bytes, version 1 (lz4_wrapper.c). Every accepted
    /// payload, extra bytes included, is written back byte for byte.
    func testOptionsFollowTheKernelAndAreKeptByteForByte() throws {
        let accepted: [(Compressor, [UInt8])] = [
            (.gzip, [1, 2, 3]), (.gzip, [99, 0, 0, 0, 99, 0, 0, 0]), (.lzo, [7]), (.zstd, [99, 0, 0, 0]), (.zstd, Array(repeating: 0xEE, count: 40)),
            (.xz, [0, 0, 4, 0, 0x14, 0, 9, 0, 0x90, 0, 0x40, 0]),     // LEDE 17.01 .. OpenWrt 19.07
            (.xz, [0x14, 0, 9, 0, 0x90, 0, 0x40, 0, 0, 0, 4, 0]),     // OpenWrt 12.09 era (flags first)
            (.xz, [0, 0x10, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3]),  // 4 KiB dictionary, unknown filter bits, 3 extra bytes
            (.xz, [1, 0, 0, 0, 0, 0, 0, 0]), (.xz, [0, 0, 0, 0x80, 0, 0, 0, 0]), (.xz, [0, 0x30, 0, 0, 0, 0, 0, 0]),
            (.lz4, [1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 9]), (.lzma, [1, 2]), (.lzma, [0, 0, 4, 0, 0x14, 0, 9, 0, 0x90, 0, 0x40, 0]),
        ]
        for (c, payload) in accepted {
            let codec = try Codecs.make(c, options: payload, blockSize: 262144)
            XCTAssertEqual(codec.optionsPayload(blockSize: 262144), payload, "\(c) \(payload)")
            XCTAssertEqual(try codec.decompress(try codec.compress(Array(repeating: 7, count: 9000)), maxOutput: 262144),
                           Array(repeating: 7, count: 9000), "\(c) \(payload) still compresses")
        }
        let lede = try XCTUnwrap(try Codecs.make(.xz, options: accepted[5].1, blockSize: 262144) as? XZCodec)
        XCTAssertEqual(lede.dictionarySize, 262144)
        XCTAssertEqual(lede.openWrt?.layout, .dictionaryFirst)
        XCTAssertEqual(lede.filters, 0, "the extreme marker 0x14 is not a filter")
        let refused: [(Compressor, [UInt8]?, String)] = [
            (.xz, [0, 0, 4, 0], "xz options block is 4 bytes"), (.xz, [0x90, 0, 0x40, 0, 0, 0, 0, 0], "dictionary size 4194448"),
            (.xz, [0, 0, 0, 0, 0, 0, 0, 0], "dictionary size 0"), (.xz, [0x14, 0, 9, 0, 0x90, 0, 0x40, 0, 0, 0, 4, 1], "dictionary size 589844"),
            (.lz4, nil, "no compressor options"), (.lz4, [1, 0, 0, 0], "lz4 options block is 4 bytes"),
            (.lz4, [2, 0, 0, 0, 0, 0, 0, 0], "unknown lz4 format version 2"),
        ]
        for (c, payload, text) in refused {
            XCTAssertThrowsError(try Codecs.make(c, options: payload, blockSize: 262144, offset: 0x60)) { e in
                XCTAssertEqual((e as? FormatError)?.offset, 0x60, "\(c) \(String(describing: payload))")
                XCTAssertTrue("\(e)".contains("read \(c.name) compressor options"), "\(e)")
                XCTAssertTrue("\(e)".contains(text), "\(e) lacks \(text)")
            }
        }
    }

    func testEveryCodecRoundTripsAndParsesItsOptions() throws {
        var input = [UInt8]()
        for i in 0 ..< 100_000 { input.append(UInt8(truncatingIfNeeded: (i * 7) ^ (i >> 5))) }
        let codecs: [any SquashCodec] = [
            GzipCodec(), GzipCodec(level: 4, windowSize: 12, strategies: 0b10010), XZCodec(blockSize: 131072),
            XZCodec(blockSize: 131072, filters: 0b11), XZCodec(openWrt: OpenWrtLZMAOptions(preset: 9, extreme: true, lc: 0, lp: 2, pb: 2, dictionarySize: 131072)),
            LZMACodec(), LZOCodec(), LZOCodec(algorithm: 0, level: 0), LZ4Codec(), LZ4Codec(highCompression: true),
            ZstdCodec(), ZstdCodec(level: 3),
        ]
        for c in codecs {
            let packed = try c.compress(input)
            XCTAssertLessThan(packed.count, input.count, "\(c.compressor)")
            XCTAssertEqual(try c.decompress(packed, maxOutput: 131072), input, "\(c.compressor)")
            XCTAssertThrowsError(try c.decompress(packed, maxOutput: 1000), "\(c.compressor) must respect maxOutput")
            let payload = c.optionsPayload(blockSize: 131072)
            let again = try Codecs.make(c.compressor, options: payload, blockSize: 131072)
            XCTAssertEqual(again.optionsPayload(blockSize: 131072), payload, "\(c.compressor)")
            XCTAssertEqual(again.settings.map { "\($0.0)=\($0.1)" }, c.settings.map { "\($0.0)=\($0.1)" })
            XCTAssertThrowsError(try c.decompress(Array(packed.prefix(packed.count / 2)) + [1, 2, 3], maxOutput: 131072))
        }
        XCTAssertNil(GzipCodec().optionsPayload(blockSize: 131072), "defaults write no options block")
        XCTAssertNotNil(LZ4Codec().optionsPayload(blockSize: 131072), "mksquashfs always writes lz4 options")
    }

    func testDeviceEncoding() throws {
        for d in [Device(major: 1, minor: 3), Device(major: 259, minor: 300), Device(major: 4095, minor: 1 << 19)] {
            var r = ByteReader([6, 0, 0xA4, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0])
            guard var ino = try? Inode(parsing: &r, blockSize: 131072) else { return XCTFail("fifo inode") }
            XCTAssertEqual(ino.kind, .fifo)
            XCTAssertEqual(ino.permissions, 0o644)
            ino.device = Inode.encode(d)
            XCTAssertEqual(ino.deviceNumbers, d)
        }
    }
}
