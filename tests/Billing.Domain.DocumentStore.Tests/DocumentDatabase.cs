using System.Text.Json;
using Billing.Domain.Json;
using Billing.Domain.Storage;

namespace Billing.Domain.DocumentStore.Tests;

/// <summary>
/// A document database in miniature, as a host's Marten or Cosmos DB would be: JSON documents by collection and key,
/// read and written in sessions that commit all their writes or none, one session at a time, waiting at most a busy
/// timeout for the one before. Nothing of Billing.Domain is kept but text.
/// </summary>
internal sealed class DocumentDatabase(TimeSpan busyTimeout) : IDisposable
{
    /// <summary>How documents are written: the library's own JSON configuration.</summary>
    public static readonly JsonSerializerOptions Json = new JsonSerializerOptions(JsonSerializerDefaults.Web).ConfigureForBilling();

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, Dictionary<string, string>> _collections = new(StringComparer.Ordinal);

    /// <summary>Runs a session: its reads see its own writes, and its writes are kept only when it returns.</summary>
    public async Task<T> RunAsync<T>(Func<Session, T> work, CancellationToken cancellationToken)
    {
        await EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var session = new Session(this);
            var result = work(session);
            session.Keep();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Holds the database, as another writer's long transaction would, until the result is disposed.</summary>
    public async Task<IAsyncDisposable> HoldAsync()
    {
        await EnterAsync(CancellationToken.None).ConfigureAwait(false);
        return new Held(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(busyTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new StorageBusyException("document database", busyTimeout);
        }
    }

    /// <summary>The reads and writes of one session.</summary>
    internal sealed class Session(DocumentDatabase database)
    {
        private readonly Dictionary<(string Collection, string Key), string> _writes = [];

        public T? Find<T>(string collection, string key)
            where T : class =>
            _writes.TryGetValue((collection, key), out var written) ? Read<T>(written)
            : database._collections.GetValueOrDefault(collection)?.GetValueOrDefault(key) is { } stored ? Read<T>(stored)
            : null;

        public IEnumerable<T> All<T>(string collection)
        {
            var stored = database._collections.GetValueOrDefault(collection) ?? [];
            foreach (var (key, text) in stored)
            {
                yield return Read<T>(_writes.GetValueOrDefault((collection, key)) ?? text);
            }

            foreach (var ((written, key), text) in _writes)
            {
                if (written == collection && !stored.ContainsKey(key))
                {
                    yield return Read<T>(text);
                }
            }
        }

        public void Put<T>(string collection, string key, T document) => _writes[(collection, key)] = JsonSerializer.Serialize(document, Json);

        internal void Keep()
        {
            foreach (var ((collection, key), text) in _writes)
            {
                if (!database._collections.TryGetValue(collection, out var documents))
                {
                    database._collections[collection] = documents = new Dictionary<string, string>(StringComparer.Ordinal);
                }

                documents[key] = text;
            }
        }

        private static T Read<T>(string text) => JsonSerializer.Deserialize<T>(text, Json) ?? throw new InvalidOperationException("A document holds null.");
    }

    private sealed class Held(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
