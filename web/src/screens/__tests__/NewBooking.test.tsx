import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NewBookingScreen } from "../NewBooking";

const CHOICES = {
  success: true,
  locations: ["Farsta", "Järfälla", "Lund", "Malmö", "Uppsala"],
  licence_types: ["A", "B"],
  exam_types: ["Körprov", "Kunskapsprov"],
  vehicles: { manual: "Manuell bil", automatic: "Automatbil" },
  languages: { sv: "Svenska", en: "Engelska" },
  max_locations: 4,
};

afterEach(() => vi.unstubAllGlobals());

function server(startAnswer: Response) {
  const bodies: unknown[] = [];
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    if (url === "/api/v1/booking/locations") return new Response(JSON.stringify(CHOICES));
    bodies.push(JSON.parse(String(init?.body)));
    return startAnswer;
  });
  return bodies;
}

describe("NewBookingScreen", () => {
  it("allows at most four locations and sends the chosen window", async () => {
    const bodies = server(new Response(JSON.stringify({ job_id: "job_1" }), { status: 201 }));
    render(<NewBookingScreen />);
    for (const name of ["Farsta", "Järfälla", "Lund", "Malmö"]) fireEvent.click(await screen.findByLabelText(name));
    expect((screen.getByLabelText("Uppsala") as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText("Sun"));
    fireEvent.change(screen.getByLabelText("Earliest day"), { target: { value: "2027-01-10" } });
    fireEvent.click(screen.getByRole("button", { name: "Start booking" }));
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({
      locations: ["Farsta", "Järfälla", "Lund", "Malmö"],
      vehicle: "manual",
      date_from: "2027-01-10",
      weekdays: [1, 2, 3, 4, 5, 6],
      auto_book: true,
    });
  });

  it("shows the server's sentence when it refuses", async () => {
    server(new Response(JSON.stringify({ success: false, error: "Invalid value for 'locations': nope", code: "validation_error" }), { status: 422 }));
    render(<NewBookingScreen />);
    fireEvent.click(await screen.findByLabelText("Uppsala"));
    fireEvent.click(screen.getByRole("button", { name: "Start booking" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Invalid value for 'locations': nope");
  });
});
