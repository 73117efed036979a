import Testing

@testable import BenchsiteKit

@Suite("JSON parser")
struct JSONParserTests {
    func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode {
        try JSONParser.parseDocument(Array(text.utf8))
    }

    @Test func valuesAndOffsets() throws {
        let node = try parse(
            "{\n  \"a\": [1, 2.5e1, -3],\n  \"b\": \"x\\u00e9\\ud83d\\ude00\\n\", \"c\": null, \"d\": true}")
        #expect(node["a"]?.arrayElements?.compactMap(\.numberValue) == [1, 25, -3])
        #expect(node["b"]?.stringValue == "xé😀\n")
        #expect(node["c"]?.isNull == true)
        let file = SourceFile(path: "f.json", bytes: Array("{\n  \"a\": [1, 2.5e1, -3],\n  \"b\": \"x\"}".utf8))
        let root = try JSONParser.parseDocument(file.bytes)
        let location = file.location(of: root["b"]!.offset)
        #expect(location?.line == 3 && location?.column == 8)
    }

    @Test("NaN and Infinity literals, as Python and Google Benchmark write them")
    func nonFiniteLiterals() throws {
        let node = try parse("[NaN, Infinity, -Infinity]")
        let numbers = node.arrayElements!.compactMap(\.numberValue)
        #expect(numbers[0].isNaN && numbers[1] == .infinity && numbers[2] == -.infinity)
    }

    @Test(
        "truncated JSON is an error at the end of the input",
        arguments: ["{\"a\": [1, 2", "{\"a\": \"abc", "[", "{\"a\""])
    func truncated(text: String) {
        #expect(throws: JSONSyntaxError.self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(error.message.contains("truncated") || error.message.contains("end of input"))
        }
    }

    @Test func trailingGarbage() {
        #expect(throws: JSONSyntaxError.self) { try parse("{} x") }
    }
}

@Suite("JSON numbers read without strtod")
struct JSONNumberTests {
    @Test("every number reads as the double Swift's parser gives, bit for bit")
    func sameAsStrtod() throws {
        var random = SplitMix64(seed: 314)
        var texts = [
            "0", "-0", "1", "0.5", "-0.5", "123456789012345", "1234567890123456", "0.000000000000000000001",
            "0.1", "0.2", "0.3", "9007199254740993", "1e5", "1.5E-3", "-2.25e+2", "00", "01", "1.", "-.5",
        ]
        for _ in 0..<50000 {
            let digits = Int(random.next() % 17) + 1
            var text = random.next() % 3 == 0 ? "-" : ""
            let point = Int(random.next() % UInt64(digits + 1))
            for position in 0..<digits {
                if position == point && position > 0 { text += "." }
                text += String(random.next() % 10)
            }
            texts.append(text)
        }
        for text in texts {
            let expected = Double(text)
            let parsed = try? JSONParser.parseDocument(Array(text.utf8))
            if let expected, let number = parsed?.numberValue {
                #expect(number.bitPattern == expected.bitPattern, "\(text)")
            }
        }
    }
}
