import Dispatch
import Foundation

/// `body(0) ... body(count - 1)` in index order, computed on all cores when `parallel` (the result is
/// the same either way: each index writes only its own slot).
func parallelMap<T>(_ count: Int, parallel: Bool = true, _ body: @Sendable (Int) -> T) -> [T] {
    guard parallel, count > 1 else { return (0..<count).map(body) }
    let slots = Slots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { slots[$0] = body($0) }
    return slots.values
}

/// `parallelMap` for work that can throw: the first error in index order is rethrown.
func parallelMap<T>(_ count: Int, parallel: Bool = true, throwing body: @Sendable (Int) throws -> T) throws -> [T] {
    try parallelMap(count, parallel: parallel) { index in Result { try body(index) } }.map { try $0.get() }
}

/// Fixed slots written from concurrent work, each exactly once.
private final class Slots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value] { lock.withLock { storage.map { $0! } } }
}

/// Changes every element of `array` in place on all cores, `body` given each element once (by one
/// task: the tasks touch disjoint memory, and no element is copied to be changed).
func parallelUpdate<T>(_ array: inout [T], parallel: Bool = true, _ body: @Sendable (Int, inout T) -> Void) {
    guard parallel, array.count > 1 else {
        for index in array.indices { body(index, &array[index]) }
        return
    }
    array.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        let elements = UncheckedPointer(base)
        DispatchQueue.concurrentPerform(iterations: buffer.count) { index in body(index, &elements.pointer[index]) }
    }
}

/// A pointer handed to concurrent tasks that each use their own elements of it.
private struct UncheckedPointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
