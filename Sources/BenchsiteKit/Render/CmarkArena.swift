import CCmarkGFM
import Foundation

/// cmark-gfm's memory while one page is parsed and rendered: taken from large blocks of the thread's
/// own (`cmark_mem`), never given back one node at a time, and all reused once the page's HTML is
/// out. A run page is tens of thousands of nodes and text buffers, and allocating and freeing each
/// with the C library took a tenth of a build's CPU (its free lists, behind every page).
///
/// cmark's allocator callbacks carry no context, so each thread's arena is found through a
/// thread-specific key; a page is parsed and rendered on one thread, start to end.
enum CmarkArena {
    /// Runs `body` with the arena's allocator for cmark; once the outermost call returns, everything
    /// cmark allocated through it is gone (nothing of it may be used after: copy the HTML out first).
    static func withDocument<T>(_ body: (UnsafeMutablePointer<cmark_mem>) throws -> T) rethrows -> T {
        let arena = Arena.current
        arena.depth += 1
        defer {
            arena.depth -= 1
            if arena.depth == 0 { arena.reset() }
        }
        return try body(allocator)
    }

    /// The callbacks, set once and only read after (cmark reads them from any thread); they use
    /// the calling thread's arena.
    nonisolated(unsafe) static let allocator: UnsafeMutablePointer<cmark_mem> = {
        let pointer = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        pointer.initialize(
            to: cmark_mem(
                calloc: { count, size in
                    let (total, overflow) = count.multipliedReportingOverflow(by: size)
                    guard !overflow, let memory = Arena.current.allocate(total) else { return nil }
                    memset(memory, 0, total)
                    return memory
                },
                realloc: { memory, size in Arena.current.reallocate(memory, to: size) },
                // Given back all at once when the page is done.
                free: { _ in }))
        return pointer
    }()

    final class Arena {
        /// Blocks of this size hold the allocations; a larger one gets a block of its own.
        static let blockSize = 1 << 20
        /// Blocks kept for the next page; more (a very large page) are given back after it.
        static let keptBlocks = 4
        /// Each allocation starts with its size (for `reallocate`), and stays 16-byte aligned.
        static let header = 16

        private var blocks: [UnsafeMutableRawPointer] = []
        private var large: [UnsafeMutableRawPointer] = []
        /// The block in use and the next free byte in it.
        private var block = -1
        private var offset = blockSize
        /// The latest allocation in the block in use, which can grow where it is.
        private var newest: UnsafeMutableRawPointer?
        var depth = 0

        private static let key: pthread_key_t = {
            var key = pthread_key_t()
            pthread_key_create(&key) { arena in
                #if canImport(Glibc)
                guard let arena else { return }
                #endif
                Unmanaged<Arena>.fromOpaque(arena).release()
            }
            return key
        }()

        static var current: Arena {
            if let existing = pthread_getspecific(key) {
                return Unmanaged<Arena>.fromOpaque(existing).takeUnretainedValue()
            }
            let arena = Arena()
            pthread_setspecific(key, Unmanaged.passRetained(arena).toOpaque())
            return arena
        }

        deinit {
            for memory in blocks + large { free(memory) }
        }

        private static func rounded(_ size: Int) -> Int? {
            let (padded, overflow) = size.addingReportingOverflow(header + 15)
            return overflow ? nil : padded & ~15
        }

        func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
            guard size >= 0, let needed = Self.rounded(size) else { return nil }
            if needed > Self.blockSize / 4 {
                guard let memory = malloc(needed) else { return nil }
                large.append(memory)
                memory.storeBytes(of: size, as: Int.self)
                return memory + Self.header
            }
            if offset + needed > Self.blockSize {
                block += 1
                if block == blocks.count {
                    guard let memory = malloc(Self.blockSize) else {
                        block -= 1
                        return nil
                    }
                    blocks.append(memory)
                }
                offset = 0
            }
            let start = blocks[block] + offset
            offset += needed
            start.storeBytes(of: size, as: Int.self)
            newest = start + Self.header
            return start + Self.header
        }

        func reallocate(_ memory: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer? {
            guard let memory else { return allocate(size) }
            guard size >= 0, let needed = Self.rounded(size) else { return nil }
            let old = (memory - Self.header).load(as: Int.self)
            // The newest allocation grows in place while its block has room.
            if memory == newest, block >= 0 {
                let start = memory - Self.header - blocks[block]
                if start + needed <= Self.blockSize {
                    offset = start + needed
                    (memory - Self.header).storeBytes(of: size, as: Int.self)
                    return memory
                }
            }
            guard let moved = allocate(size) else { return nil }
            moved.copyMemory(from: memory, byteCount: min(old, size))
            return moved
        }

        /// Everything allocated is free again; blocks beyond the kept ones are given back.
        func reset() {
            for memory in large { free(memory) }
            large.removeAll(keepingCapacity: true)
            while blocks.count > Self.keptBlocks { free(blocks.removeLast()) }
            block = -1
            offset = Self.blockSize
            newest = nil
        }
    }
}
