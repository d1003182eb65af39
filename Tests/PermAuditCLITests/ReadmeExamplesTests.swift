import Foundation
import PermAuditTestSupport
import Testing

/// Every ```console example in the README runs as shown, in README order, as a reader would run them: in a
/// new folder beside a fresh clone's Samples/ and Tests/, `permaudit` on the PATH, at a 100-column terminal
/// (script(1)), so tables are tables and piped commands get what a pipe gets.
@Suite struct ReadmeExamplesTests {
    @Test func everyExampleRunsAsShown() throws {
        let readme = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let examples = ReadmeExample.all(in: readme)
        #expect(examples.count >= 20, "the README's console examples were not found")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["Samples", "Tests"] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name),
                                                       withDestinationURL: Fixtures.packageRoot.appendingPathComponent(name))
        }
        for example in examples {
            let output = try Self.atTerminal(example.command, in: folder)
            #expect(example.matches(output), """
                \(example)
                --- README shows
                \(example.expected.joined(separator: "\n"))
                --- it prints
                \(output.joined(separator: "\n"))
                """)
        }
    }

    /// The command run by bash inside script(1), at a 100-column terminal; what the screen shows.
    static func atTerminal(_ command: String, in folder: URL) throws -> [String] {
        let binaries = Run.binary.deletingLastPathComponent().path
        let path = binaries + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let shell = "stty cols 100 rows 50; " + command
        let run = try Run.program(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", shell, "/dev/null"], in: folder,
                                  environment: ["PATH": path, "COLUMNS": "100", "PERMAUDIT_DB": "", "TERM": "dumb"])
        return ReadmeExample.screenLines(run.stdout)
    }
}

@Suite struct ReadmeExampleParsingTests {
    static let markdown = """
        ```
        $ not run
        ```

        ```console
        $ # a comment
        $ permaudit one \\
            --two
        line 1
        ...
        line 9
        $ permaudit three
        imported 2 files (6 entries) in 2.1 s

        $ permaudit "four
          five"
        ```
        """

    @Test func consoleBlocksGiveCommandsAndOutputs() {
        let examples = ReadmeExample.all(in: Self.markdown)
        #expect(examples.map(\.command) == ["permaudit one \\\n    --two", "permaudit three", "permaudit \"four\n  five\""])
        #expect(examples.map(\.line) == [7, 12, 15])
        #expect(examples[0].expected == ["line 1", "...", "line 9"])
    }

    @Test func dotsMatchAnyLinesAndTimesAnyTime() {
        let examples = ReadmeExample.all(in: Self.markdown)
        #expect(examples[0].matches(["line 1", "line 9"]))
        #expect(examples[0].matches(["line 1", "a", "b", "line 9"]))
        #expect(!examples[0].matches(["line 1", "a"]))
        #expect(!examples[0].matches(["line 2", "line 9"]))
        #expect(examples[1].matches(["imported 2 files (6 entries) in 0.4 s"]))
        #expect(examples[1].expected == ["imported 2 files (6 entries) in 2.1 s", ""])
        #expect(!examples[1].matches(["imported 3 files (6 entries) in 0.4 s"]))
    }

    @Test func theScreenShowsWhatProgressLeft() {
        #expect(ReadmeExample.screenLines("a\r\n\rimporting 5%\r\u{1B}[Kdone\r\n\r\n") == ["a", "done"])
        #expect(ReadmeExample.screenLines("abc\rX\r\nx,y\r\r\n") == ["Xbc", "x,y"])
    }
}
