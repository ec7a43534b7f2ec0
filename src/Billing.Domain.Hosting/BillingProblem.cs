namespace Billing.Domain.Hosting;

/// <summary>
/// An error or refusal of Billing.Domain as RFC 9457 problem details: the HTTP status, a type URI per code, a short title
/// per code, the detail of this occurrence, and the stable code (written as the <c>code</c> extension member).
/// </summary>
/// <param name="Status">The HTTP status code, such as 409 or 422.</param>
/// <param name="Type">A URI naming the kind of problem: <see cref="BillingProblems.TypeBase"/> followed by the code.</param>
/// <param name="Title">A short summary of the kind of problem, the same for every occurrence of the code.</param>
/// <param name="Detail">What went wrong this time, for people.</param>
/// <param name="Code">The stable, machine-readable code, such as <c>money.currency_mismatch</c>.</param>
public sealed record BillingProblem(int Status, string Type, string Title, string Detail, string Code);
