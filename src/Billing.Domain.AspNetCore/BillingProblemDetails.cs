using Billing.Domain.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Domain.AspNetCore;

/// <summary>Problem details of Billing.Domain's errors and refusals in ASP.NET Core.</summary>
public static class BillingProblemDetails
{
    /// <summary>The extension member that carries the stable code: <c>"code": "money.currency_mismatch"</c>.</summary>
    public const string CodeMember = "code";

    /// <summary>
    /// Registers problem details and an exception handler that answers every <see cref="BillingException"/> and argument
    /// error with its status, type, title and code (<see cref="BillingProblems"/>); other exceptions go on to the host's
    /// handlers. The host keeps <c>app.UseExceptionHandler()</c> in its pipeline.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddBillingProblemDetails(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddProblemDetails();
        services.AddExceptionHandler<BillingExceptionHandler>();
        return services;
    }

    /// <summary>Returns the problem as ASP.NET Core's <see cref="ProblemDetails"/>, with the code as an extension member.</summary>
    /// <param name="problem">The problem.</param>
    /// <returns>The problem details.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> is null.</exception>
    public static ProblemDetails ToProblemDetails(this BillingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new ProblemDetails
        {
            Status = problem.Status,
            Type = problem.Type,
            Title = problem.Title,
            Detail = problem.Detail,
            Extensions = { [CodeMember] = problem.Code },
        };
    }

    /// <summary>Returns the problem as a minimal API result (<c>application/problem+json</c> with its status), for a refusal the services return as data.</summary>
    /// <param name="problem">The problem, such as <c>BillingProblems.FromResult(applyResult)</c>.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="problem"/> is null.</exception>
    public static ProblemHttpResult ToHttpResult(this BillingProblem problem) => TypedResults.Problem(problem.ToProblemDetails());
}
