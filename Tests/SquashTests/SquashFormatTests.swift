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
        expectError({ $0[25] = 0x10 }, "unknown flag")
        expectError({ $0[28] = 3 }, "unsupported squashfs version 3.0")
        expectError({ $0[0 ..< 4] = [0x73, 0x71, 0x73, 0x68]; $0[28] = 0; $0[29] = 3 }, "unsupported squashfs version 3 (big-endian)")
        expectError({ $0[0] = 0 }, "bad magic")
        expectError({ _ in }, "bytes used", size: 100)
        expectError({ $0[64] = 0xFF; $0[65] = 0xFF }, "inode table")
        expectError({ $0[26] = 0 }, "id count")
    }

    func testEveryCodecRoundTripsAndParsesItsOptions() throws {
        var input = [UInt8]()
        for i in 0 ..< 100_000 { input.append(UInt8(truncatingIfNeeded: (i * 7) ^ (i >> 5))) }
        let codecs: [any SquashCodec] = [
            GzipCodec(), GzipCodec(level: 4, windowSize: 12, strategies: 0b10010), XzCodec(blockSize: 131072),
            XzCodec(blockSize: 131072, filters: 0b11), XzCodec(openWrt: OpenWrtLzmaOptions(preset: 9, extreme: true, lc: 0, lp: 2, pb: 2, dictionarySize: 131072)),
            LzmaCodec(), LzoCodec(), LzoCodec(algorithm: 0, level: 0), Lz4Codec(), Lz4Codec(highCompression: true),
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
        XCTAssertNotNil(Lz4Codec().optionsPayload(blockSize: 131072), "mksquashfs always writes lz4 options")
        XCTAssertThrowsError(try Codecs.make(.gzip, options: [1, 2, 3], blockSize: 131072))
        XCTAssertThrowsError(try Codecs.make(.zstd, options: [99, 0, 0, 0], blockSize: 131072))
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
