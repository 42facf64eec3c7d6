using System.Text;

namespace RhvDr.Core.Ovirt;

/// <summary>
/// Reads an engine's answer body and keeps what words about a bad answer need: the first kilobytes, the size, where the last
/// line ends. A body that stops coming for longer than the stall limit fails with <see cref="TimeoutException"/>: the
/// call's timeout covers only the wait for the headers.
/// </summary>
internal sealed class EngineAnswerStream : Stream
{
    private const int StartSize = 4096;

    private readonly Stream _inner;
    private readonly TimeSpan? _stallLimit;
    private readonly CancellationTokenSource _stall;
    private readonly byte[] _start = new byte[StartSize];
    private int _startLength;
    private long _lastLineLength;

    public EngineAnswerStream(Stream inner, TimeSpan? stallLimit, CancellationToken cancellationToken)
    {
        _inner = inner;
        _stallLimit = stallLimit;
        _stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public long BytesRead { get; private set; }

    public long LastLine { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <summary>The facts of this answer so far, with the status line of <paramref name="response"/>.</summary>
    public EngineAnswer Facts(HttpResponseMessage response) => new(
        response.StatusCode,
        response.ReasonPhrase,
        response.Content.Headers.ContentType?.MediaType,
        BytesRead,
        Encoding.UTF8.GetString(_start, 0, _startLength),
        LastLine,
        _lastLineLength);

    /// <summary>Reads up to the first kilobytes, for an answer that is not going to be parsed.</summary>
    public async Task ReadStartAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        while (_startLength < StartSize && await ReadAsync(buffer, cancellationToken).ConfigureAwait(false) > 0)
        {
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_stallLimit is { } limit)
        {
            _stall.CancelAfter(limit);
        }
        int read;
        try
        {
            read = await _inner.ReadAsync(buffer, _stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (_stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the answer stopped coming after {BytesRead} bytes", ex);
        }
        Record(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = _inner.Read(buffer, offset, count);
        Record(buffer.AsSpan(offset, read));
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stall.Dispose();
            _inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private void Record(ReadOnlySpan<byte> read)
    {
        if (_startLength < StartSize)
        {
            var take = Math.Min(read.Length, StartSize - _startLength);
            read[..take].CopyTo(_start.AsSpan(_startLength));
            _startLength += take;
        }
        BytesRead += read.Length;
        var newline = read.LastIndexOf((byte)'\n');
        if (newline < 0)
        {
            _lastLineLength += read.Length;
            return;
        }
        LastLine += read.Count((byte)'\n');
        _lastLineLength = read.Length - newline - 1;
    }
}
