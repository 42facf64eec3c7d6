using RhvDr.Core.Export;

namespace RhvDr.Tests.Export;

public sealed class SpreadsheetCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"no\"", "\"say \"\"no\"\"\"")]
    [InlineData("line1\nline2", "\"line1\nline2\"")]
    [InlineData("line1\r\nline2", "\"line1\r\nline2\"")]
    [InlineData("", "\"\"")]
    [InlineData(null, "")]
    public void Write_SpecialCharacters_QuotedPerRfc4180(string? value, string expected)
    {
        var csv = SpreadsheetCsv.Write([["x", value]]);

        Assert.Equal($"x,{expected}\r\n", csv);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+2", "\"'+1+2\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tcmd", "\"'\tcmd\"")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    [InlineData("=1,2", "\"'=1,2\"")]
    public void Write_FormulaStart_PrefixedWithQuote(string value, string expected)
    {
        var csv = SpreadsheetCsv.Write([["x", value]]);

        Assert.Equal($"x,{expected}\r\n", csv);
    }

    [Fact]
    public void Write_FormulaCharacterInsideCell_LeftAlone()
    {
        var csv = SpreadsheetCsv.Write([["a=b", "db-01", "x@y"]]);

        Assert.Equal("a=b,db-01,x@y\r\n", csv);
    }

    [Fact]
    public void Write_BlocksWithDifferentWidths_EmptyRecordIsEmptyLine()
    {
        var csv = SpreadsheetCsv.Write([["a", "b"], ["1", "2"], [], ["c", "d", "e"]]);

        Assert.Equal("a,b\r\n1,2\r\n\r\nc,d,e\r\n", csv);
    }
}
