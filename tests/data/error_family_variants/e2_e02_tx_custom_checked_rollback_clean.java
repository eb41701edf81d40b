// clean: JAVA-TX-CHECKED-COMMITS
package com.acme.booking;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ReservationService {
    private final ReservationRepository reservations;
    private final SeatRepository seats;
    private final CardGateway cards;

    public ReservationService(ReservationRepository reservations, SeatRepository seats, CardGateway cards) {
        this.reservations = reservations;
        this.seats = seats;
        this.cards = cards;
    }

    @Transactional(rollbackFor = CardDeclinedException.class)
    public Reservation reserve(long showId, long seatId, CardToken card) throws CardDeclinedException {
        Seat seat = seats.lockById(seatId);
        seat.setHeld(true);
        seats.save(seat);
        Reservation reservation = reservations.save(new Reservation(showId, seatId));
        if (!cards.preauthorize(card, reservation.getPrice())) {
            throw new CardDeclinedException(reservation.getId());
        }
        return reservation;
    }
}
