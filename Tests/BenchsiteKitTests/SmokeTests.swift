import Testing
@testable import BenchsiteKit

@Test func placeholder() { #expect(Slug.make("a") == "a") }
