namespace Billing.Domain.Relational;

/// <summary>What the options of every relational adapter hold besides where the database is: how long a call waits for another writer, and the currencies amounts may be in.</summary>
public abstract record RelationalOptions
{
    /// <summary>The busy timeout of options that do not set one: 5 seconds.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Gets how long a call waits for another writer's lock before <see cref="Storage.StorageBusyException"/>: more than zero, at most an hour; 5 seconds by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero, less, or more than an hour.</exception>
    public TimeSpan BusyTimeout
    {
        get;
        init => field = value > TimeSpan.Zero && value <= TimeSpan.FromHours(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(BusyTimeout), value, "A busy timeout is more than zero and at most an hour.");
    } = DefaultBusyTimeout;

    /// <summary>Gets the currencies amounts may be in, for hosts with their own (credits, tokens); ISO 4217 by default.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public CurrencyRegistry Currencies { get; init => field = value ?? throw new ArgumentNullException(nameof(Currencies)); } = CurrencyRegistry.Iso4217;
}
