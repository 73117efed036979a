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
        #expect(location.line == 3 && location.column == 8)
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
