using System.Globalization;
using CsvHelper;

namespace RhvDr.Core.Export;

/// <summary>
/// The one CSV writer of every export (run report, audit trail, readiness), through CsvHelper: RFC 4180 — CRLF line ends,
/// a field quoted when it holds a comma, a quote or a line break, quotes doubled — and guarded for spreadsheets: a cell
/// starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return gets a leading <c>'</c> (and quotes), so a
/// spreadsheet shows it as text and never runs it as a formula. A VM name or an engine's error text is written by whoever
/// named the VM or wrote the engine, so every cell is guarded. A null cell is an empty field; an empty string is <c>""</c>.
/// </summary>
public static class SpreadsheetCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        NewLine = "\r\n",
        // Readiness writes a summary block and a findings block with different columns.
        ValidateFieldCount = false,
    };

    /// <summary>Writes <paramref name="records"/> one line each; an empty record is an empty line between two blocks.</summary>
    public static string Write(IEnumerable<IReadOnlyList<string?>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            foreach (var record in records)
            {
                if (record.Count == 0)
                {
                    // CsvHelper writes no record without fields: the empty line goes straight to the text after what is buffered.
                    csv.Flush();
                    text.Write(Options.NewLine);
                    continue;
                }
                foreach (var cell in record)
                {
                    if (cell is { Length: 0 })
                    {
                        csv.WriteField(cell, CsvQuoting.Always);
                    }
                    else
                    {
                        csv.WriteField(cell);
                    }
                }
                csv.EndRecord();
            }
        }
        return text.ToString();
    }
}
